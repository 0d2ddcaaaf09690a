/**
 * Who may enter the machine and how: the operators' accounts and sudo rules from {@code appliance/users}, the SSH
 * policy sshd enforces, and an alert for every SSH login. On a test root every change is planned and logged, never
 * applied to the machine running the test.
 */
package dev.appliance.access;
