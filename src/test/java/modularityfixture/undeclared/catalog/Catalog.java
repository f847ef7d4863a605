package modularityfixture.undeclared.catalog;

import modularityfixture.undeclared.pricing.Prices;

/** Uses pricing's API although its package-info allows no dependency: the module check must refuse this. */
public class Catalog {
  Prices prices = new Prices();
}
