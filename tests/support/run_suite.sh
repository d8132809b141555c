#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one Qt Test suite for CTest. QtTest exits 0 when every test skipped
# (QSKIP counts as "not failed"), so a run with skips and no test function
# passed (initTestCase/cleanupTestCase aside) exits 77, which strata_add_test
# declares as SKIP_RETURN_CODE: CTest then reports the suite as skipped, not
# passed. Any failure keeps QtTest's own non-zero status.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
if [ "$rc" = 0 ] && grep -q '^SKIP   : ' "$log" &&
   ! grep '^PASS   : ' "$log" | grep -qvE '::(initTestCase|cleanupTestCase)\(\)'; then
  echo "(every test function skipped: reported to CTest as skipped)"
  exit 77
fi
exit "$rc"
