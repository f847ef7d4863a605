package dev.journeys.notify;

import dev.journeys.journey.StudioTemplateFiles;
import org.springframework.stereotype.Component;

/** The studio's template files for the journey linter: published ones from memory, drafts from the table. */
@Component
class StudioTemplateFilesInStore implements StudioTemplateFiles {

  private final TemplateVersions versions;

  StudioTemplateFilesInStore(TemplateVersions versions) {
    this.versions = versions;
  }

  @Override
  public boolean published(String file) {
    return versions.find(file).isPresent();
  }

  @Override
  public boolean drafted(String file) {
    return versions.hasDraft(file);
  }
}
