# For Packer >= 1.10, which needs the qemu plugin declared (packer init packer/ downloads it). Kept apart from
# appliance.pkr.hcl because Packer 1.6 (Debian's, used by CI to validate the template offline) rejects this block:
# build with 'packer build packer/' (the folder) on a new Packer, 'packer build packer/appliance.pkr.hcl' on 1.6.
packer {
  required_version = ">= 1.6.6"
  required_plugins {
    qemu = {
      source  = "github.com/hashicorp/qemu"
      version = ">= 1.1.0"
    }
  }
}
