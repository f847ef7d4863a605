package dev.journeys.engine.feel;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.feel.FeelEngineClock;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValBoolean;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFunction;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValString;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.collection.mutable.ListBuffer;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The few places where the FEEL engine works without passing its interpreter's interruption check:
 * the regular-expression built-ins ({@code matches}, {@code replace}, {@code split}, {@code
 * extract}) run java.util.regex over the whole input in one call, and a range such as {@code
 * 1..1000000000} is materialised as a list in one go. A catastrophic pattern or a huge range would
 * keep an evaluation thread busy (and a range would fill the heap) long after its bound.
 *
 * <p>These functions stand in for them: the same results, but the regex reads its input through a
 * {@link CharSequence} that notices the thread's interruption, and the range is built in steps that
 * check it. Arguments that are not strings (or numbers, for the range) go to the built-in, so
 * errors and nulls stay exactly as the FEEL engine has them. They are passed in the evaluation
 * context, whose functions the FEEL engine looks up before its built-ins.
 */
final class GuardedFunctions {

  /** What ranges are rewritten to call (see {@link RangeRewriter}); not a FEEL name a user would write. */
  static final String RANGE = "journeys:range";

  private static final int CHECK_EVERY = 4096;

  private GuardedFunctions() {}

  /** The functions to put in each evaluation context. */
  static scala.collection.immutable.Map<String, scala.collection.immutable.List<ValFunction>> all() {
    BuiltinFunctions builtins =
        new BuiltinFunctions(FeelEngineClock.SystemClock$.MODULE$, ValueMapper.defaultValueMapper());
    RegexCall find = (pattern, input) -> ValBoolean.apply(pattern.matcher(input).find());
    Map<String, List<ValFunction>> functions = Map.of(
        "matches", List.of(
            regex(builtin(builtins, "matches", 2), 2, find),
            regex(builtin(builtins, "matches", 3), 3, find)),
        "replace", List.of(
            replace(builtin(builtins, "replace", 3), 3),
            replace(builtin(builtins, "replace", 4), 4)),
        "split", List.of(regex(builtin(builtins, "split", 2), 2, GuardedFunctions::split)),
        "extract", List.of(regex(builtin(builtins, "extract", 2), 2, GuardedFunctions::extract)),
        RANGE, List.of(range()));
    java.util.Map<String, scala.collection.immutable.List<ValFunction>> converted = new java.util.HashMap<>();
    functions.forEach((name, list) -> converted.put(name, CollectionConverters.asScala(list).toList()));
    return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(converted));
  }

  private static ValFunction builtin(BuiltinFunctions builtins, String name, int arity) {
    return CollectionConverters.asJava(builtins.getFunctions(name)).stream()
        .filter(f -> f.params().size() == arity)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Expected the FEEL built-in '" + name + "' with " + arity
            + " parameters, but the FEEL engine has none"));
  }

  private interface RegexCall {
    Val apply(Pattern pattern, CharSequence input);
  }

  /** The built-in's signature and behaviour; when every argument is a string, the regex runs interruptibly. */
  private static ValFunction regex(ValFunction builtin, int arity, RegexCall call) {
    return new ValFunction(builtin.params(), toScala(args -> {
      List<Val> list = CollectionConverters.asJava(args);
      if (!allStrings(list)) {
        return builtin.invoke().apply(args);
      }
      String input = ((ValString) list.get(0)).value();
      String pattern = ((ValString) list.get(1)).value();
      Pattern compiled;
      try {
        compiled = Pattern.compile(pattern, arity > 2 ? flags(((ValString) list.get(arity - 1)).value()) : 0);
      } catch (RuntimeException e) {
        return builtin.invoke().apply(args); // the built-in words an invalid pattern its own way
      }
      return call.apply(compiled, new InterruptibleText(input));
    }), false);
  }

  private static ValFunction replace(ValFunction builtin, int arity) {
    return new ValFunction(builtin.params(), toScala(args -> {
      List<Val> list = CollectionConverters.asJava(args);
      if (!allStrings(list)) {
        return builtin.invoke().apply(args);
      }
      String input = ((ValString) list.get(0)).value();
      String replacement = ((ValString) list.get(2)).value();
      Pattern compiled;
      try {
        compiled = Pattern.compile(((ValString) list.get(1)).value(),
            arity > 3 ? flags(((ValString) list.get(3)).value()) : 0);
      } catch (RuntimeException e) {
        return builtin.invoke().apply(args);
      }
      Matcher matcher = compiled.matcher(new InterruptibleText(input));
      try {
        return ValString.apply(matcher.replaceAll(replacement));
      } catch (EvaluationInterrupted e) {
        throw e;
      } catch (RuntimeException e) {
        return builtin.invoke().apply(args); // e.g. a replacement naming a group the pattern lacks
      }
    }), false);
  }

  private static Val split(Pattern pattern, CharSequence input) {
    String[] parts = pattern.split(input, -1);
    ListBuffer<Val> items = new ListBuffer<>();
    for (String part : parts) {
      items.addOne(ValString.apply(part));
    }
    return ValList.apply(items.toList());
  }

  private static Val extract(Pattern pattern, CharSequence input) {
    Matcher matcher = pattern.matcher(input);
    ListBuffer<Val> items = new ListBuffer<>();
    while (matcher.find()) {
      items.addOne(ValString.apply(matcher.group()));
    }
    return ValList.apply(items.toList());
  }

  /** The flags the FEEL built-ins understand, as they read them. */
  private static int flags(String flags) {
    int f = 0;
    f |= flags.contains("s") ? Pattern.DOTALL : 0;
    f |= flags.contains("m") ? Pattern.MULTILINE : 0;
    f |= flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0;
    f |= flags.contains("x") ? Pattern.COMMENTS : 0;
    return f;
  }

  /** {@code start..end} as the interpreter builds it (step 1 or -1, both ends included), checking interruption. */
  private static ValFunction range() {
    return new ValFunction(CollectionConverters.asScala(List.of("start", "end")).toList(), toScala(args -> {
      List<Val> list = CollectionConverters.asJava(args);
      for (Val bound : list) {
        if (!(bound instanceof ValNumber)) {
          return ValError.apply("Expected number but found '" + bound + "'");
        }
      }
      scala.math.BigDecimal start = ((ValNumber) list.get(0)).value();
      scala.math.BigDecimal end = ((ValNumber) list.get(1)).value();
      boolean up = start.$less(end);
      scala.math.BigDecimal step = scala.math.BigDecimal$.MODULE$.apply(java.math.BigDecimal.valueOf(up ? 1 : -1));
      ListBuffer<Val> items = new ListBuffer<>();
      int sinceCheck = 0;
      for (scala.math.BigDecimal value = start; up ? value.$less$eq(end) : value.$greater$eq(end);
          value = value.$plus(step)) {
        items.addOne(ValNumber.apply(value));
        if (++sinceCheck == CHECK_EVERY) {
          sinceCheck = 0;
          EvaluationInterrupted.checkInterrupted();
        }
      }
      return ValList.apply(items.toList());
    }), false);
  }

  private static boolean allStrings(List<Val> args) {
    return args.stream().allMatch(ValString.class::isInstance);
  }

  private static scala.Function1<scala.collection.immutable.List<Val>, Object> toScala(
      Function<scala.collection.immutable.List<Val>, Object> function) {
    return function::apply;
  }

  /**
   * The text a regex runs over: java.util.regex reads its input only through {@link #charAt}, so
   * checking the thread's interruption there makes even a catastrophically backtracking pattern stop.
   */
  private static final class InterruptibleText implements CharSequence {

    private final String text;
    private int sinceCheck;

    InterruptibleText(String text) {
      this.text = text;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (++sinceCheck == CHECK_EVERY) {
        sinceCheck = 0;
        EvaluationInterrupted.checkInterrupted();
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
