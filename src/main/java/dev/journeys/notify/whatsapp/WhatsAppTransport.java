package dev.journeys.notify.whatsapp;

import dev.journeys.notify.ChannelSupport;

/** Where WhatsApp messages go: the provider's API, or the sandbox table. */
interface WhatsAppTransport {

  /**
   * @throws ChannelSupport.Unavailable when the provider cannot take it now: retry later
   * @throws ChannelSupport.Refused when the provider refused it for good (e.g. not a WhatsApp number)
   */
  ChannelSupport.Accepted send(OutgoingWhatsApp message);
}
