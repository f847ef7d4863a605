package example.loyalty;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LoyaltyWorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(LoyaltyWorkerApplication.class, args);
  }
}
