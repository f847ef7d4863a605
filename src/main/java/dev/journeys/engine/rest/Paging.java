package dev.journeys.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.protocol.rest.SearchQueryPageRequest;
import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Offset paging ({@code from}, {@code limit}) and Camunda's cursor paging ({@code after}, {@code before})
 * on top of it: a cursor is an opaque string that here encodes an offset, so a client that pages with
 * {@code endCursor} gets the next page as it would from Camunda.
 */
record Paging(int from, int limit) {

  /** Camunda's default page size and its largest. */
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;
  private static final String CURSOR_PREFIX = "journeys-offset:";

  static Paging read(JsonNode page) {
    if (Filters.absent(page)) {
      return new Paging(0, DEFAULT_LIMIT);
    }
    SearchQueryPageRequest request = Json.model(page, SearchQueryPageRequest.class);
    int limit = request.getLimit() == null ? DEFAULT_LIMIT : request.getLimit();
    if (limit < 0 || limit > MAX_LIMIT) {
      throw Problem.badRequest("Expected page.limit to be between 0 and %d, but it is %d", MAX_LIMIT, limit);
    }
    int from = request.getFrom() == null ? 0 : request.getFrom();
    if (request.getAfter() != null) {
      from = offset(request.getAfter(), "page.after");
    } else if (request.getBefore() != null) {
      from = Math.max(0, offset(request.getBefore(), "page.before") - limit);
    }
    if (from < 0) {
      throw Problem.badRequest("Expected page.from to be at least 0, but it is %d", from);
    }
    return new Paging(from, limit);
  }

  SearchQueryPageResponse response(long totalItems, boolean hasMoreTotalItems, int itemCount) {
    SearchQueryPageResponse page =
        new SearchQueryPageResponse().totalItems(totalItems).hasMoreTotalItems(hasMoreTotalItems);
    if (itemCount > 0) {
      page.startCursor(cursor(from)).endCursor(cursor(from + itemCount));
    }
    return page;
  }

  private static String cursor(int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String cursor, String path) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith(CURSOR_PREFIX)) {
        return Integer.parseInt(decoded.substring(CURSOR_PREFIX.length()));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the problem below; NumberFormatException is an IllegalArgumentException
    }
    throw Problem.badRequest("Expected %s to be a cursor this API returned, but got '%s'", path, cursor);
  }
}
