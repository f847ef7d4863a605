package modularityfixture.undeclared.pricing;

/** The pricing module's API. */
public class Prices {}
