package dev.journeys.journey.lint;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the start-up lint treats the journeys before they are deployed.
 *
 * @param failOnError false deploys despite errors (logged), for an emergency with a cluster that
 *     accepts what the embedded engine would not
 * @param locales every send-message template must exist in each; notify renders en and zh-CN
 * @param externalJobTypes job types that workers running outside this app handle (a loyalty
 *     service, an ERP hook): lint accepts tasks of these types
 */
@ConfigurationProperties("journeys.lint")
public record LintProperties(
    @DefaultValue("true") boolean failOnError,
    @DefaultValue({"en", "zh-CN"}) List<String> locales,
    @DefaultValue(LintRules.DEFAULT_TEMPLATES) String templates,
    List<String> externalJobTypes) {

  public LintProperties {
    externalJobTypes = externalJobTypes == null ? List.of() : List.copyOf(externalJobTypes);
  }
}
