/** The Callcoach webapp: the practice page, IP limiting and Twilio call placement, on Vaadin Flow and Spring Boot. */
package dev.callcoach.webapp;
