package dev.journeys.engine.processing;

/** A command the engine refuses; nothing it did is kept. The gateway maps the type to a gRPC status. */
public final class Rejection extends RuntimeException {

  /** Why a command was refused, as Zeebe classifies it. */
  public enum Type {
    INVALID_ARGUMENT,
    NOT_FOUND,
    ALREADY_EXISTS,
    INVALID_STATE
  }

  private final Type type;

  public Rejection(Type type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  public Type type() {
    return type;
  }

  public static Rejection invalidArgument(String message, Object... args) {
    return new Rejection(Type.INVALID_ARGUMENT, message.formatted(args));
  }

  public static Rejection notFound(String message, Object... args) {
    return new Rejection(Type.NOT_FOUND, message.formatted(args));
  }

  public static Rejection alreadyExists(String message, Object... args) {
    return new Rejection(Type.ALREADY_EXISTS, message.formatted(args));
  }

  public static Rejection invalidState(String message, Object... args) {
    return new Rejection(Type.INVALID_STATE, message.formatted(args));
  }
}
