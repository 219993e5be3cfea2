/** The deterministic simulated market the demo runs on; everything it produces is labelled simulated. */
package io.tradingjobs.market.simulated;
