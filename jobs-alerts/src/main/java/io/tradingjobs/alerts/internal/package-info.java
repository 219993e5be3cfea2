/** Implementation details (ids, generated tables); not for use outside jobs-alerts. */
package io.tradingjobs.alerts.internal;
