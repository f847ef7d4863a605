package modularityfixture.internals.billing.internal;

/** Public for billing's own use, but internal to the billing module. */
public class Ledger {
  public void record() {}
}
