#!/bin/bash
# Deploys the stack {{stack}} (version {{version}}) to Docker Swarm. Written by 'appliance export --swarm': export
# again rather than edit it. Run it on the data node, a Swarm manager, from this directory or elsewhere:
#   ./deploy.sh [--images FILE]    (FILE: an image archive, as 'appliance images save' writes it)
# Exit codes: 0 deployed, 1 failed (or rolled back by Swarm), 2 bad arguments.
set -euo pipefail
