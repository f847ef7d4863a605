package dev.journeys.journey;

/**
 * Message template files that exist outside the package: made in the studio (published or only
 * drafted). The module that renders messages implements it, so the journey linter knows a
 * template created in the browser without journey depending on that module.
 *
 * <p>A file is named as under templates/messages/: {@code {template}/{locale}{part}}, e.g.
 * {@code winter-sale/en.subject.txt}.
 */
public interface StudioTemplateFiles {

  /** None: the packaged files only (the lint command, tests without a context). */
  StudioTemplateFiles NONE = new StudioTemplateFiles() {
    @Override
    public boolean published(String file) {
      return false;
    }

    @Override
    public boolean drafted(String file) {
      return false;
    }
  };

  /** Whether the file has a published text, which sends render. */
  boolean published(String file);

  /** Whether the file has a saved draft (not rendered by sends until published). */
  boolean drafted(String file);
}
