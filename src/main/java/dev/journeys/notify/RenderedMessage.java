package dev.journeys.notify;

/** A message rendered for one customer in their language: ready to put in an envelope. */
public record RenderedMessage(String locale, String subject, String text, String html) {}
