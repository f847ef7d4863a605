package dev.journeys.notify;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.expression.AccessException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.thymeleaf.spring6.expression.SPELContextMapWrapper;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

/**
 * Makes message templates strict: Thymeleaf renders a variable the model does not have as empty
 * text, which would send "Your order  has shipped". Here, reading one fails the rendering instead.
 *
 * <p>How: Thymeleaf evaluates {@code ${name}} as a SpEL property of a map-like root
 * (SPELContextMapWrapper), using the evaluation context it finds in the model under
 * {@link ThymeleafEvaluationContext#THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME}. The one we
 * put there has an accessor for exactly that root which knows the model's variable names. A
 * variable present with a null value (no promised delivery date) stays legal; so do th:each and
 * th:with variables, which are not null. Nested properties ({@code item.nmae}) are already strict
 * in SpEL.
 */
final class StrictVariables {

  private static final String NAMES = "journeys:modelVariableNames";
  private static final String MISSING = "Missing template variable: ";
  private static final PropertyAccessor ACCESSOR = new StrictRootAccessor();

  private StrictVariables() {}

  /** Adds the strict evaluation context to a model (call last: it records the model's names). */
  static void applyTo(Map<String, Object> model) {
    StandardEvaluationContext evaluation = new StandardEvaluationContext();
    evaluation.addPropertyAccessor(ACCESSOR);
    evaluation.setVariable(NAMES, Set.copyOf(model.keySet()));
    model.put(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME, evaluation);
  }

  /** The variable a failed rendering missed, if that is why it failed. */
  static Optional<String> missingVariable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof AccessException access && access.getMessage().startsWith(MISSING)) {
        return Optional.of(access.getMessage().substring(MISSING.length()));
      }
    }
    return Optional.empty();
  }

  /** Stateless (names come from the evaluation context), so SpEL may cache it across renderings. */
  private static final class StrictRootAccessor implements PropertyAccessor {

    @Override
    public Class<?>[] getSpecificTargetClasses() {
      return new Class<?>[] {SPELContextMapWrapper.class};
    }

    @Override
    public boolean canRead(EvaluationContext context, Object target, String name) {
      return target instanceof SPELContextMapWrapper;
    }

    @Override
    public TypedValue read(EvaluationContext context, Object target, String name)
        throws AccessException {
      Object value = ((Map<?, ?>) target).get(name);
      if (value == null && !(context.lookupVariable(NAMES) instanceof Set<?> names && names.contains(name))) {
        throw new AccessException(MISSING + name);
      }
      return new TypedValue(value);
    }

    @Override
    public boolean canWrite(EvaluationContext context, Object target, String name) {
      return false;
    }

    @Override
    public void write(EvaluationContext context, Object target, String name, Object newValue)
        throws AccessException {
      throw new AccessException("Templates cannot assign variables");
    }
  }
}
