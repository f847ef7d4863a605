package dev.journeys.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether emails tell us when they are opened and clicked (message outcomes). Both are off by
 * default: each changes what the customer receives and records what they did, which the shop's
 * privacy policy has to say; a shop turns on what its policy covers.
 *
 * @param opens a 1x1 image at the end of every HTML email; mail privacy proxies (Apple Mail Privacy
 *     Protection) fetch every image of every message, so opens overcount
 * @param clicks links to other sites (the carrier's tracking page, the shop) go through a signed
 *     redirect of this app, which counts the click and forwards to exactly the link the email had;
 *     link scanners of some mail servers follow every link, so clicks may overcount too
 */
@ConfigurationProperties("journeys.notify.tracking")
record TrackingProperties(@DefaultValue("false") boolean opens, @DefaultValue("false") boolean clicks) {

  static final TrackingProperties OFF = new TrackingProperties(false, false);
}
