package dev.journeys.engine.feel;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.syntaxtree.Exp;
import org.camunda.feel.syntaxtree.FunctionInvocation;
import org.camunda.feel.syntaxtree.IterationContext;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.PositionalFunctionParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Product;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Rewrites each iteration range of a parsed expression ({@code for i in 1..n}, {@code some x in
 * a..b}) into a call of {@link GuardedFunctions#RANGE}, which builds the same list but stops when
 * its thread is interrupted. The FEEL interpreter builds a range in one uninterruptible step, so
 * {@code 1..1000000000} would otherwise fill the heap long after its evaluation's bound.
 *
 * <p>The syntax tree is made of Scala case classes; the rewrite rebuilds only the nodes on the way
 * to a range and leaves every other node as the parser made it. Should the tree hold something it
 * cannot rebuild, the expression is kept as parsed: its evaluation is still bounded, only a range in
 * it is not interruptible.
 */
final class RangeRewriter {

  private static final Logger LOG = LoggerFactory.getLogger(RangeRewriter.class);
  private static final String SYNTAX_TREE = "org.camunda.feel.syntaxtree";

  private RangeRewriter() {}

  static ParsedExpression rewrite(ParsedExpression parsed) {
    try {
      Object expression = rewrite(parsed.expression());
      return expression == parsed.expression() ? parsed : new ParsedExpression((Exp) expression, parsed.text());
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("Could not make the ranges of FEEL expression '{}' interruptible; it is evaluated as parsed: {}",
          parsed.text(), e.toString());
      return parsed;
    }
  }

  private static Object rewrite(Object node) throws ReflectiveOperationException {
    if (node instanceof IterationContext range) {
      return new FunctionInvocation(GuardedFunctions.RANGE, new PositionalFunctionParameters(
          CollectionConverters.asScala(List.of((Exp) rewrite(range.start()), (Exp) rewrite(range.end()))).toList()));
    }
    if (node instanceof scala.collection.immutable.List<?> list) {
      return rewriteList(list);
    }
    if (node instanceof scala.collection.immutable.Map<?, ?> map) {
      return rewriteMap(map);
    }
    if (node instanceof Product product && rebuildable(node)) {
      return rewriteProduct(product);
    }
    return node;
  }

  private static boolean rebuildable(Object node) {
    return node.getClass().getName().startsWith(SYNTAX_TREE)
        || node instanceof scala.Tuple2
        || node instanceof scala.Some;
  }

  private static Object rewriteList(scala.collection.immutable.List<?> list) throws ReflectiveOperationException {
    List<Object> items = new ArrayList<>();
    boolean changed = false;
    for (Object item : CollectionConverters.asJava(list)) {
      Object rewritten = rewrite(item);
      changed |= rewritten != item;
      items.add(rewritten);
    }
    return changed ? CollectionConverters.asScala(items).toList() : list;
  }

  private static Object rewriteMap(scala.collection.immutable.Map<?, ?> map) throws ReflectiveOperationException {
    Map<Object, Object> entries = new LinkedHashMap<>();
    boolean changed = false;
    for (Map.Entry<?, ?> entry : CollectionConverters.asJava(map).entrySet()) {
      Object rewritten = rewrite(entry.getValue());
      changed |= rewritten != entry.getValue();
      entries.put(entry.getKey(), rewritten);
    }
    return changed ? scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(entries)) : map;
  }

  /** A case class is rebuilt through its constructor, whose parameters are its product elements in order. */
  private static Object rewriteProduct(Product product) throws ReflectiveOperationException {
    int arity = product.productArity();
    Object[] elements = new Object[arity];
    boolean changed = false;
    for (int i = 0; i < arity; i++) {
      Object element = product.productElement(i);
      elements[i] = rewrite(element);
      changed |= elements[i] != element;
    }
    if (!changed) {
      return product;
    }
    for (Constructor<?> constructor : product.getClass().getConstructors()) {
      if (constructor.getParameterCount() == arity) {
        return constructor.newInstance(elements);
      }
    }
    throw new NoSuchMethodException(
        "no constructor of " + product.getClass().getName() + " takes " + arity + " values");
  }
}
