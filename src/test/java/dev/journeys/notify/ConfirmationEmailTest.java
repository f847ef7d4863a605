package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.JourneysAppTest;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The thin slice end to end: an order in over HTTP, a confirmation out over real SMTP. */
@JourneysAppTest
class ConfirmationEmailTest {

  // A fixed free port rather than GreenMail's dynamic one: the retry test restarts the server and
  // the app must find it where it was.
  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  @LocalServerPort int port;
  @Autowired MessageDispatcher dispatcher;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @Test
  void anOrderGetsItsConfirmationEmail() throws Exception {
    String orderId = OrderJson.newOrderId();
    String email = "jane-" + orderId.toLowerCase() + "@example.com";

    postOrder(OrderJson.order(orderId, email, "Jane <b>Doe</b> & Co", "en"));

    MimeMessage message = awaitMessagesTo(email, 1).get(0);
    assertThat(message.getSubject()).isEqualTo("Your order " + orderId + " is confirmed");
    assertThat(message.getMessageID()).matches("<\\d+\\.email@journeys\\.local>");
    assertThat(message.getFrom()[0].toString()).contains("orders@journeys.local");
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) message.getContent();
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    String text = (String) parts.getBodyPart(0).getContent();
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(text)
        .contains("Blue mug", "x 2", "€25.00", "Total: €33.90", "December 24, 2030")
        .contains("https://shop.example.com/orders/" + orderId + "/tracking")
        .contains("support@journeys.local", "You might also like");
    assertThat(html)
        .contains("Blue mug", "Green tea", "€33.90", "December 24, 2030")
        .contains("href=\"https://shop.example.com/orders/" + orderId + "/tracking\"")
        .contains("mailto:support@journeys.local", "class=\"recommendations\"")
        .contains("Jane &lt;b&gt;Doe&lt;/b&gt; &amp; Co")
        .doesNotContain("<b>Doe</b>");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM sandbox_message WHERE recipient = ?").param(email)
        .query(Integer.class).single()).isZero();
  }

  @Test
  void aZhCnOrderGetsTheZhCnSubject() throws Exception {
    String orderId = OrderJson.newOrderId();
    String email = "wang-" + orderId.toLowerCase() + "@example.com";

    postOrder(OrderJson.order(orderId, email, "王小明", "zh-CN"));

    MimeMessage message = awaitMessagesTo(email, 1).get(0);
    assertThat(message.getSubject()).isEqualTo("您的订单 " + orderId + " 已确认");
    String text = (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
    assertThat(text).contains("王小明", "合计", "2030年12月24日");
  }

  @Test
  void aMessageAlreadySentIsNotSentAgain() throws Exception {
    String orderId = OrderJson.newOrderId();
    String email = "once-" + orderId.toLowerCase() + "@example.com";
    postOrder(OrderJson.order(orderId, email, "Once Only", "en"));
    awaitMessagesTo(email, 1);
    // A second task instance of our own, dispatched twice as a retried job would be.
    long elementInstanceKey = System.nanoTime();
    MessageRequest request =
        new MessageRequest(
            orderId, null, "order-confirmation", List.of(Channel.EMAIL), Purpose.TRANSACTIONAL, Map.of());

    dispatcher.dispatch(elementInstanceKey, 1L, Channel.EMAIL, request);
    dispatcher.dispatch(elementInstanceKey, 2L, Channel.EMAIL, request);

    // Two, and no third a moment later.
    List<MimeMessage> messages = await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30))
        .until(() -> messagesTo(email), list -> list.size() == 2);
    assertThat(messages.get(1).getMessageID())
        .isEqualTo("<" + elementInstanceKey + ".email@journeys.local>");
  }

  @Test
  void aConfirmationIsRetriedUntilTheSmtpServerAnswers() throws Exception {
    String orderId = OrderJson.newOrderId();
    String email = "retry-" + orderId.toLowerCase() + "@example.com";
    smtp.stop();
    try {
      postOrder(OrderJson.order(orderId, email, "Patient Customer", "en"));
      Thread.sleep(1500);
    } finally {
      smtp.start();
    }

    assertThat(awaitMessagesTo(email, 1)).hasSize(1);
  }

  private List<MimeMessage> awaitMessagesTo(String email, int count) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> messagesTo(email), list -> list.size() >= count);
  }

  private static List<MimeMessage> messagesTo(String email) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> recipient(m).equals(email))
        .toList();
  }

  private static String recipient(MimeMessage message) {
    try {
      return GreenMailUtil.getAddressList(message.getRecipients(Message.RecipientType.TO))
          .replaceAll(".*<(.*)>.*", "$1");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void postOrder(String json) {
    assertThat(new ShopClient(port).postOrder(json).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }
}
