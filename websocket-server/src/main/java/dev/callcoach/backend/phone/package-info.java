/** Phone numbers as the backend keeps them: HMAC-SHA256 hashes under a secret from the environment, never the digits. */
package dev.callcoach.backend.phone;
