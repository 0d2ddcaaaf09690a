# The appliance's machine image: Ubuntu 24.04 (the official cloud image) with Docker, a Java runtime, the
# appliance, its systemd units and its container images, provisioned by provision.sh from the payload folder.
#
#   packer/payload work/payload                  # the appliance jar, stack, units and saved images
#   packer build packer/appliance.pkr.hcl        # this file alone: see versions.pkr.hcl for Packer >= 1.10
#
# The image boots into the appliance; its env comes from the env-cidata.iso made by env-build (or /app/env.yml,
# a config-2 drive, or the cloud's metadata service). See README.md, "Machine images".

variable "ubuntu_image_url" {
  type        = string
  default     = "https://cloud-images.ubuntu.com/releases/24.04/release/ubuntu-24.04-server-cloudimg-amd64.img"
  description = "The Ubuntu 24.04 cloud image (qcow2); a file:// URL of a local copy works too."
}

variable "ubuntu_image_checksum" {
  type        = string
  default     = "file:https://cloud-images.ubuntu.com/releases/24.04/release/SHA256SUMS"
  description = "Its checksum (sha256:HEX), or file:URL of a SHA256SUMS list (none skips the check: offline validation)."
}

variable "payload" {
  type        = string
  default     = "work/payload"
  description = "The folder made by packer/payload (relative to where packer runs)."
}

variable "accelerator" {
  type        = string
  default     = "kvm"
  description = "kvm where the build host has it, else tcg (software emulation, several times slower)."
}

variable "disk_size" {
  type    = string
  default = "20G"
}

variable "output_directory" {
  type    = string
  default = "work/packer-output"
}

source "qemu" "appliance" {
  iso_url          = var.ubuntu_image_url
  iso_checksum     = var.ubuntu_image_checksum
  disk_image       = true
  disk_size        = var.disk_size
  format           = "qcow2"
  accelerator      = var.accelerator
  headless         = true
  cpus             = 2
  memory           = 4096
  disk_interface   = "virtio"
  net_device       = "virtio-net"
  output_directory = var.output_directory
  vm_name          = "appliance.qcow2"
  vnc_bind_address = "127.0.0.1"

  # The cloud image only lets in who cloud-init lets in: a one-time build user from http/user-data, served to
  # the NoCloud datasource over Packer's own HTTP server. provision.sh removes cloud-init's state afterwards.
  http_directory = "packer/http"
  qemuargs = [
    ["-smbios", "type=1,serial=ds=nocloud-net;s=http://{{ .HTTPIP }}:{{ .HTTPPort }}/"],
    ["-serial", "file:work/packer-serial.log"]
  ]

  communicator     = "ssh"
  ssh_username     = "packer"
  ssh_password     = "packer"
  ssh_timeout      = "30m"
  # The build user goes with the shutdown: nothing of it stays in the image.
  shutdown_command = "sudo sh -c 'userdel --remove --force packer; rm -f /etc/sudoers.d/90-cloud-init-users; shutdown -P now'"
  shutdown_timeout = "5m"
}

build {
  sources = ["source.qemu.appliance"]

  provisioner "shell" {
    inline = ["cloud-init status --wait || true", "rm -rf /tmp/payload && mkdir -p /tmp/payload"]
  }

  provisioner "file" {
    source      = "${var.payload}/"
    destination = "/tmp/payload"
  }

  provisioner "shell" {
    execute_command = "sudo -S env {{ .Vars }} bash '{{ .Path }}'"
    inline          = ["bash /tmp/payload/provision.sh"]
  }
}
