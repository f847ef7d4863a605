package dev.journeys;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * One GreenMail SMTP server on loopback for the whole test JVM, and the apps of the test classes
 * annotated {@link Uses} sending to it. Test classes that differ in nothing else share one cached
 * application context: a server per class (a port per class) made a context per class.
 *
 * <p>The server stays up until the JVM ends, since cached contexts keep pooled SMTP connections to
 * it. Nothing purges it: each test reads only the mail to its own recipients. A test that takes its
 * SMTP server down (an outage) keeps a server of its own.
 */
public final class SharedSmtp {

  private static final GreenMail SERVER = start();

  private SharedSmtp() {}

  /** The server, started. */
  public static GreenMail server() {
    return SERVER;
  }

  private static GreenMail start() {
    GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  /** The whole app of a {@link JourneysAppTest} sends its email to the shared server. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ContextConfiguration(initializers = Initializer.class)
  public @interface Uses {}

  /** Points spring.mail.* at the shared server; one class, so contexts using it compare equal. */
  static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of("spring.mail.host=127.0.0.1", "spring.mail.port=" + SERVER.getSmtp().getPort())
          .applyTo(context);
    }
  }
}
