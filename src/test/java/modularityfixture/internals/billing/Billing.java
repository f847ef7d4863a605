package modularityfixture.internals.billing;

/** The billing module's API. */
public class Billing {}
