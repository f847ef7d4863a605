package dev.journeys.engine.model;

import dev.journeys.engine.feel.Expression;

/**
 * The multi-instance loop of an activity (bpmn:multiInstanceLoopCharacteristics with
 * zeebe:loopCharacteristics): the collection it runs once per item of, how each inner instance sees
 * its item, where the results are collected, and when the body may complete early.
 *
 * @param sequential one inner instance after the other, else all at once
 * @param inputCollection evaluated in the body's scope, must be a list
 * @param inputElement the name of each inner instance's local variable holding its item; null for none
 * @param outputCollection the name of the body's local list of results, propagated on completion; null for none
 * @param outputElement evaluated in each inner instance's scope on completion; null when there is no output collection
 * @param completionCondition evaluated after each inner instance completes; null for none
 */
public record LoopCharacteristics(
    boolean sequential,
    Expression inputCollection,
    String inputElement,
    String outputCollection,
    Expression outputElement,
    Expression completionCondition) {}
