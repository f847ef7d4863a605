/** A module that declares it depends on nothing. */
@ApplicationModule(allowedDependencies = {})
package modularityfixture.undeclared.catalog;

import org.springframework.modulith.ApplicationModule;
