"use strict";
// labellint is an ES module only. `require("labellint")` resolves here (the `require`
// condition of the package's exports) and fails with one clear line instead of
// ERR_PACKAGE_PATH_NOT_EXPORTED. The code is Node's own for this case, so tools
// that fall back to import() on ERR_REQUIRE_ESM keep doing so.
const error = new Error('labellint is an ES module: use `const labellint = await import("labellint")` instead of require("labellint")');
error.code = "ERR_REQUIRE_ESM";
throw error;
