package dev.journeys.scenarios;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The customer's side: opening the links of the emails they received. */
final class Browser {

  private final RestClient http;

  Browser(int port) {
    this.http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
        .requestFactory(new JdkClientHttpRequestFactory()).build();
  }

  /** Opens a link of the app (given as its path: the public host is not this test's port). */
  ResponseEntity<String> open(String path) {
    return http.get().uri(path).retrieve().onStatus(s -> true, (request, response) -> {})
        .toEntity(String.class);
  }

  /** The confirm button of a rating page (POST to the link it was opened from), with a comment. */
  ResponseEntity<String> confirmRating(String path, Integer rating, String comment) {
    org.springframework.util.LinkedMultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
    if (rating != null) {
      form.add("rating", rating.toString());
    }
    if (comment != null) {
      form.add("comment", comment);
    }
    return http.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve()
        .onStatus(s -> true, (request, response) -> {}).toEntity(String.class);
  }

  /** A click on a rating link, then on the confirm button of the page it opens. */
  ResponseEntity<String> rate(String path) {
    open(path);
    return confirmRating(path, null, null);
  }

  /** What a mail client does for List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058). */
  ResponseEntity<String> oneClickUnsubscribe(String path) {
    return http.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body("List-Unsubscribe=One-Click").retrieve().onStatus(s -> true, (request, response) -> {})
        .toEntity(String.class);
  }
}
