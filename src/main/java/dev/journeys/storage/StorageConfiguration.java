package dev.journeys.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The app's shared-commit writer for short, frequent writes (see {@link TransactionBatcher}). */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  @Bean
  TransactionBatcher transactionBatcher(PlatformTransactionManager transactions) {
    return new TransactionBatcher("shared-commit-writer", transactions);
  }
}
