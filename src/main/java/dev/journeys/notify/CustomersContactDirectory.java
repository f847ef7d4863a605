package dev.journeys.notify;

import dev.journeys.customers.Customer;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The contact directory backed by the customers module's public API. */
@Component
class CustomersContactDirectory implements ContactDirectory {

  private final Customers customers;

  CustomersContactDirectory(Customers customers) {
    this.customers = customers;
  }

  @Override
  public Optional<Contact> find(String customerId) {
    return customers.find(customerId).map(CustomersContactDirectory::contact);
  }

  @Override
  public boolean unsubscribe(String customerId, Channel channel) {
    return customers.unsubscribe(customerId, marketingChannel(channel));
  }

  @Override
  public boolean changeConsent(String customerId, Channel channel, boolean granted, String source) {
    return customers.changeConsent(customerId, marketingChannel(channel), granted, source);
  }

  @Override
  public List<String> devices(String customerId) {
    return customers.devices(customerId);
  }

  @Override
  public void removeDevice(String customerId, String token) {
    customers.removeDevice(customerId, token);
  }

  @Override
  public List<String> findByPhone(String e164) {
    return customers.findByPhone(e164);
  }

  private static Contact contact(Customer customer) {
    return new Contact(
        customer.id(),
        customer.email(),
        customer.name(),
        customer.locale(),
        customer.emailMarketing() != null && customer.emailMarketing().granted(),
        customer.erased(),
        customer.phone(),
        customer.country(),
        customer.zone().orElse(null),
        customer.smsMarketing() != null && customer.smsMarketing().granted(),
        customer.pushMarketing() != null && customer.pushMarketing().granted(),
        customer.givenName(),
        customer.familyName(),
        customer.whatsappOptIn() != null && customer.whatsappOptIn().granted());
  }

  private static MarketingChannel marketingChannel(Channel channel) {
    return MarketingChannel.fromKey(channel.key());
  }
}
