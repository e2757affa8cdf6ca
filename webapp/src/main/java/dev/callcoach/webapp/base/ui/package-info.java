/** What every page shares: the layout, the central error handler, and safe hand-over of background results to a UI. */
package dev.callcoach.webapp.base.ui;
