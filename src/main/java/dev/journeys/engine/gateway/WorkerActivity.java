package dev.journeys.engine.gateway;

import java.time.Instant;

/**
 * Who has asked for jobs of one type since the engine started: when the last ActivateJobs call or
 * job stream for it arrived, the worker name it gave, and how many job streams are open now (an open
 * stream is a worker waiting for jobs all the time). Kept in memory: a restarted engine knows only
 * the polls since its start, which is what "is anyone serving this type now" needs.
 */
public record WorkerActivity(String type, Instant lastPolledAt, String lastWorker, int openStreams) {}
