package dev.journeys.notify;

/** What became of a message on one channel; every one of them lets the job complete. */
public enum Outcome { SENT, ALREADY_SENT, SKIPPED, REJECTED, HELD }
