package dev.journeys.notify;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every channel this application can send on: the one place the rest of the app asks which
 * channels exist (routing, the sandbox, erasure, start-up checks, the dashboard).
 */
@Component
public class Channels {

  private final Map<Channel, MessageChannel> byKey = new LinkedHashMap<>();

  Channels(List<MessageChannel> channels) {
    // Email first (the fallback), the others by key, so lists read the same every time.
    channels.stream()
        .sorted(Comparator.comparing((MessageChannel c) -> !c.channel().equals(Channel.EMAIL))
            .thenComparing(c -> c.channel().key()))
        .forEach(c -> {
          MessageChannel before = byKey.put(c.channel(), c);
          if (before != null) {
            throw new IllegalStateException("Expected one channel with key " + c.channel().key() + ", but "
                + before.getClass().getName() + " and " + c.getClass().getName() + " both have it");
          }
        });
  }

  /** The channels' keys, email first. */
  public List<String> keys() {
    return byKey.keySet().stream().map(Channel::key).toList();
  }

  /** One channel's sandbox listing: its name in GET /api/sandbox/{name}, and the channel's title. */
  public record Sandbox(String name, String title) {}

  /** The channels' sandbox listings, email first. */
  public List<Sandbox> sandboxes() {
    return byKey.values().stream().map(c -> new Sandbox(c.sandboxName(), c.title())).toList();
  }

  List<MessageChannel> all() {
    return List.copyOf(byKey.values());
  }

  Optional<MessageChannel> find(Channel channel) {
    return Optional.ofNullable(byKey.get(channel));
  }

  /** The channel a task names; a channel that does not exist is a misconfigured task. */
  MessageChannel require(Channel channel) {
    return find(channel).orElseThrow(() -> SendFailure.permanent(
        "Expected channels to name only %s, but got '%s'".formatted(keys(), channel.key())));
  }

  Optional<MessageChannel> bySandboxName(String name) {
    return byKey.values().stream().filter(c -> c.sandboxName().equals(name)).findFirst();
  }
}
