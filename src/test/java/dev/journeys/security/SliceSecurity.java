package dev.journeys.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The app's own security chains and logins, for {@code @WebMvcTest} slices of other modules: a slice
 * leaves out this module's configuration, and Spring Boot's default chain (everything behind a
 * generated login) would answer in its place.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
@Import(SecurityConfiguration.class)
public class SliceSecurity {}
