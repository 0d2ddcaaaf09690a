#!/usr/bin/env bash
# Boot to serving on a VM: the VM test (BootedApplianceIT) builds the stand-in image with packer/provision.sh,
# boots it with qemu (software emulation; no KVM here) and times qemu's start to the first HTTPS 200 through the
# forwarded port, then a reboot to serving again. As root, with Docker, the base image and the project's images
# (mvn -Pimages package). Writes its section of docs/benchmarks.md.
#   bench/boot-to-serving.sh          runs the VM test (about 15 minutes)
#   bench/boot-to-serving.sh --last   takes the times of the last run (vm/target/vm-timings.properties), as after CI
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
timings=vm/target/vm-timings.properties
if [ "${1:-}" != --last ]; then
  log=work/bench/boot-to-serving.log
  echo "boot-to-serving: running the VM test (the output of mvn goes to $log)"
  # -am builds what the test provisions the image from (the appliance's jar) in this checkout, installing nothing.
  maven "$log" -Pvm verify -pl vm -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=BootedApplianceIT -Dfailsafe.failIfNoSpecifiedTests=false
  grep -E '^(vm:|build-standin:|packer/payload:)|Tests run:' "$log" || true
elif [ ! -f "$timings" ]; then
  echo "boot-to-serving: no VM test has run in this checkout ($timings is missing); run it with: bench/boot-to-serving.sh" >&2
  exit 1
fi
boot=$(sed -n 's/^boot_to_serving_s=//p' "$timings")
reboot=$(sed -n 's/^reboot_to_serving_s=//p' "$timings")
section=$(cat <<MD
<!-- boot-to-serving:begin -->
## Boot to serving (VM)

Command: \`bench/boot-to-serving.sh${1:+ $1}\` ($(date -u +%Y-%m-%d), $(nproc) host cores, $(qemu-system-x86_64 --version | head -1),
\`-accel tcg\`: software emulation, as this machine has no KVM; expect several times faster with KVM). The Debian
bookworm stand-in image provisioned by \`packer/provision.sh\`, 2 vCPUs and 3 GiB, the \`cidata\` ISO attached.
Timed from qemu's start to the first \`/healthz\` 200 over HTTPS through the forwarded port, so it includes the
kernel, systemd, cloud-init, Docker, the four JVM starts of the units, the application's own JVMs and, on the
first boot only, new SSH host keys, PostgreSQL's initdb, the dump and the first migration (the images are loaded
when the image is provisioned). Under TCG the JVMs dominate: each \`appliance\` step takes 5-15 s to start, the
reference application's migration about 80 s.

| boot | to serving |
| --- | --- |
| first boot (a new machine) | $boot s |
| reboot (data, images and migration in place) | $reboot s |
<!-- boot-to-serving:end -->
MD
)
echo "$section"
write_section boot-to-serving "$section"
