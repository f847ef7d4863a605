package dev.journeys.engine.rest;

import dev.journeys.engine.state.Sql.RowMapper;
import java.util.Map;

/**
 * What one search endpoint reads: the table, the columns its rows map from, the filter properties and
 * sort fields it supports, and Camunda's request model its body must fit.
 *
 * @param what what one row is, for messages ("process instance")
 * @param tieBreak the ORDER BY term that makes the order total (the key)
 */
record SearchSpec<T>(
    String what,
    String from,
    String columns,
    Map<String, Field> filters,
    Map<String, String> sorts,
    String tieBreak,
    Class<?> queryModel,
    RowMapper<T> rows) {}
