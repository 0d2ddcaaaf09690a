#!/usr/bin/env bash
# Provisions a machine image for the appliance, from the payload folder this script sits in (made by
# packer/payload). The same script runs under Packer (Ubuntu 24.04 cloud image), Vagrant, and in the chroot of the
# VM test's Debian bookworm stand-in. It:
#   1. installs Docker, a Java runtime and the tools the appliance runs (apt);
#   2. installs the appliance into /opt/appliance, with 'appliance' on the PATH and its systemd units enabled;
#   3. sets Docker's data root (/volatile/docker), log limits and live-restore, and keeps the journal on disk; binds
#      the node exporter to 127.0.0.1 and leaves Prometheus off (prepare-appliance starts it with
#      appliance/metric/server); unattended-upgrades installs security updates, never Docker's packages, never reboots;
#   4. loads the baked container images (appliance images load), in a chroot with a private Docker engine;
#      the archive stays in /opt/appliance/images, and prepare-* load it again whenever an image is missing;
#   5. hardens SSH: keys only, no root login;
#   6. makes each machine made from the image unique at its first boot: new SSH host keys and machine-id;
#   7. cleans up: apt caches and lists, logs, cloud-init's state, shell history.
# With --machine (Vagrant) the machine provisioned is the appliance itself, not an image to copy: step 6 and the
# removal of cloud-init's state are left out, and the appliance is started at the end.
# Run as root. Progress goes to standard output as plain lines.
set -euo pipefail
payload=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=true
if [ "${1:-}" = --machine ]; then image=false; fi
step() { echo "provision: $*"; }
export DEBIAN_FRONTEND=noninteractive

in_chroot=false
if systemd-detect-virt --quiet --chroot 2>/dev/null || [ ! -d /run/systemd/system ]; then
  in_chroot=true
  # No services start inside a chroot; they start when the machine boots.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 0755 /usr/sbin/policy-rc.d
fi

step "installing Docker, Java and tools"
apt-get update -q
# restic takes the backups on the host; openssh-client is the ssh it runs for sftp repositories. nftables,
# wireguard-tools, cryptsetup and sudo are what prepare-appliance's firewall, VPN, encrypted volumes and operator
# accounts run.
apt-get install -y -q --no-install-recommends \
  docker.io openjdk-17-jre-headless xorriso apparmor ca-certificates curl openssh-server \
  prometheus-node-exporter prometheus restic openssh-client unattended-upgrades \
  nftables wireguard-tools cryptsetup sudo

step "installing the appliance into /opt/appliance"
rm -rf /opt/appliance
cp -a "$payload/appliance" /opt/appliance
chown -R root:root /opt/appliance
printf '#!/bin/sh\nexec /opt/appliance/bin/appliance "$@"\n' > /usr/local/bin/appliance
chmod 0755 /usr/local/bin/appliance
/opt/appliance/systemd/install-units /
# Records the class-data archive of the short commands now, so that the first boot starts them fast.
/opt/appliance/bin/appliance --version

step "Docker: data on /volatile/docker, bounded container logs, containers kept across a restart of dockerd"
install -d -m 0755 /etc/docker /volatile/docker
cat > /etc/docker/daemon.json <<'JSON'
{
  "data-root" : "/volatile/docker",
  "log-driver" : "json-file",
  "log-opts" : {
    "max-size" : "10m",
    "max-file" : "3"
  },
  "live-restore" : true
}
JSON

step "unattended-upgrades: security updates only, not Docker's packages, no reboot"
# Docker's packages come from the distribution's archive too: upgraded unattended, dockerd would keep running the
# old version (Debian's docker.io never restarts it). 'appliance update --os' upgrades them, restarts dockerd with
# the containers kept (live-restore) and checks the application. Reboots are appliance/update/reboot's. The timers
# run in the env's update window: prepare-appliance writes their drop-ins from appliance/update/oncalendar.
printf 'APT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "1";\n' \
  > /etc/apt/apt.conf.d/20auto-upgrades
cat > /etc/apt/apt.conf.d/52appliance-unattended-upgrades <<'APT'
// The appliance's policy, read after the package's 50unattended-upgrades (written by packer/provision.sh).
#clear Unattended-Upgrade::Origins-Pattern;
#clear Unattended-Upgrade::Allowed-Origins;
Unattended-Upgrade::Origins-Pattern {
  "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";
  "origin=Ubuntu,archive=${distro_codename}-security";
};
Unattended-Upgrade::Package-Blacklist {
  "^docker\.io$";
  "^containerd$";
  "^runc$";
};
Unattended-Upgrade::Automatic-Reboot "false";
APT
step "journal: kept on disk, at most 1 GiB"
install -d -m 2755 -g systemd-journal /var/log/journal
install -d -m 0755 /etc/systemd/journald.conf.d
printf '[Journal]\nStorage=persistent\nSystemMaxUse=1G\n' > /etc/systemd/journald.conf.d/appliance.conf

step "metrics: the node exporter on 127.0.0.1:9100 only; Prometheus off until appliance/metric/server"
# Debian's defaults listen on every interface. prepare-appliance writes the same ARGS for Prometheus when it starts it.
printf 'ARGS="--web.listen-address=127.0.0.1:9100"\n' > /etc/default/prometheus-node-exporter
printf '%s\nARGS="--storage.tsdb.retention.time=30d --web.listen-address=127.0.0.1:9090"\n' \
  '# The command line of prometheus.service, as prepare-appliance writes it: 30 days kept, 127.0.0.1 only.' \
  > /etc/default/prometheus
systemctl enable prometheus-node-exporter.service
if [ "$in_chroot" = true ]; then
  systemctl disable prometheus.service
else
  systemctl restart prometheus-node-exporter.service
  systemctl disable --now prometheus.service
fi

# In a chroot no Docker service runs: a private engine on the same data root loads the images, and stops again.
load_in_chroot() {
  local run=/run/provision-docker cgroup=false
  mkdir -p "$run"
  # dockerd refuses to start without a cgroup hierarchy, which a chroot's fresh /sys lacks.
  if ! mountpoint -q /sys/fs/cgroup; then
    mount -t cgroup2 cgroup2 /sys/fs/cgroup && cgroup=true
  fi
  # The data root is daemon.json's, /volatile/docker. A network namespace of its own: with --bridge=none dockerd
  # deletes any docker0 it sees, and the chroot shares the build host's network.
  unshare --net dockerd --exec-root "$run/exec" --pidfile "$run/dockerd.pid" \
    -H "unix://$run/docker.sock" --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
    >"$run/dockerd.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do
    DOCKER_HOST="unix://$run/docker.sock" docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  local status=0
  DOCKER_HOST="unix://$run/docker.sock" appliance images load /opt/appliance/images/stack-images.tar || status=$?
  if [ "$status" != 0 ]; then tail -n 20 "$run/dockerd.log"; fi
  kill "$pid" 2>/dev/null && wait "$pid" || true
  if [ "$cgroup" = true ]; then umount /sys/fs/cgroup; fi
  rm -rf "$run"
  return "$status"
}
if [ "$in_chroot" = false ]; then
  step "loading the baked images into Docker"
  systemctl restart docker
  appliance images load /opt/appliance/images/stack-images.tar
else
  step "loading the baked images with a private Docker engine (no Docker service runs in a chroot)"
  load_in_chroot || step "could not load them here: the first prepare-appliance loads them from /opt/appliance/images"
fi

step "SSH: keys only, no root login (prepare-appliance writes this file from then on, AllowGroups included)"
install -d -m 0755 /etc/ssh/sshd_config.d
cat > /etc/ssh/sshd_config.d/10-appliance.conf <<'SSHD'
# The appliance's SSH policy; the first value sshd reads wins, so this file comes first.
# Until prepare-appliance writes it from the env (with MaxAuthTries and AllowGroups), this is the image's.
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
AuthenticationMethods publickey
X11Forwarding no
SSHD

if [ "$image" = false ] && id vagrant >/dev/null 2>&1; then
  # prepare-appliance lets only appliance-operators and the cloud image's default user log in: vagrant ssh's user
  # is neither.
  step "SSH: vagrant in appliance-operators"
  groupadd --system -f appliance-operators
  usermod -aG appliance-operators vagrant
fi

if [ "$image" = true ]; then
  step "first boot: new SSH host keys (ssh-host-keys.service) and a new machine-id"
  rm -f /etc/ssh/ssh_host_*
  truncate -s 0 /etc/machine-id
  if [ -e /var/lib/dbus/machine-id ] && [ ! -L /var/lib/dbus/machine-id ]; then
    rm -f /var/lib/dbus/machine-id
    ln -s /etc/machine-id /var/lib/dbus/machine-id
  fi
  if [ -d /etc/cloud ]; then
    # ssh-host-keys.service makes the host keys; cloud-init would delete and make them a second time.
    install -d -m 0755 /etc/cloud/cloud.cfg.d
    printf 'ssh_deletekeys: false\nssh_genkeytypes: []\n' > /etc/cloud/cloud.cfg.d/90-appliance.cfg
  fi
fi

step "cleaning up"
apt-get clean
rm -rf /var/lib/apt/lists/* /tmp/* /var/tmp/* /root/.bash_history /home/*/.bash_history
find /var/log -type f ! -path '/var/log/journal/*' \( -name '*.gz' -o -name '*.[0-9]' \) -delete
find /var/log -type f ! -path '/var/log/journal/*' -exec truncate -s 0 {} +
if [ "$image" = true ]; then
  # The build's journal; each machine's own starts under its new machine-id.
  rm -rf /var/log/journal/*
fi
if [ "$image" = true ] && command -v cloud-init >/dev/null 2>&1; then
  cloud-init clean --logs --seed || cloud-init clean --logs
fi
if [ "$in_chroot" = true ]; then
  rm -f /usr/sbin/policy-rc.d
fi
if [ "$image" = false ] && [ "$in_chroot" = false ]; then
  step "starting the appliance (journalctl -fu appliance to follow it)"
  systemctl start --no-block appliance
fi
step "done"
