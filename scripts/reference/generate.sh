#!/usr/bin/env bash
# Regenerates every reference fixture with Debian's pandas 1.5.3 / scikit-learn 1.2.1
# (apt-get install -y python3-pandas python3-sklearn). Tests read the committed JSON, not Python.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
for s in rfm_reference.py engine_reference.py profile_reference.py segments-profiles.py rfm_scores_reference.py two_features_reference.py; do
  echo "== $s"
  "$PY" "scripts/reference/$s"
done
