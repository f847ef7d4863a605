package modularityfixture.internals.shop;

import modularityfixture.internals.billing.internal.Ledger;

/** Reaches into billing's internals: the module check must refuse this. */
public class Checkout {
  void pay() {
    new Ledger().record();
  }
}
