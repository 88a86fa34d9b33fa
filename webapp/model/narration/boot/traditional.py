"""Narration of the traditional machine: firmware, bootloader and Linux (or Xen) booting on
bare metal.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    # -- the traditional machine ---------------------------------------------------------------
    "native.power_on": {
        "en": "Power on: the CPU starts at the reset vector 0xFFFFFFF0, in the {firmware} "
              "firmware's flash.",
        "fr": "Mise sous tension : le processeur démarre au vecteur de réinitialisation "
              "0xFFFFFFF0, dans la mémoire flash du micrologiciel {firmware}.",
    },
    "native.post": {
        "en": "{firmware_of} POST: it finds {cpus} CPU(s) and {memory_mb} MiB of RAM and tests "
              "them.",
        "fr": "POST {firmware_of} : il trouve {cpus} processeur(s) et {memory_mb} Mio de RAM et "
              "les teste.",
    },
    "native.firmware_of.bios": {"en": "BIOS", "fr": "du BIOS"},
    "native.firmware_of.uefi": {"en": "UEFI", "fr": "de l'UEFI"},
    "native.probe": {
        "en": "The firmware enumerates the PCI buses ({devices}) and builds the ACPI tables "
              "({acpi}).",
        "fr": "Le micrologiciel énumère les bus PCI ({devices}) et construit les tables ACPI "
              "({acpi}).",
    },
    "native.e820": {
        "en": "The memory map ({query}): {entries} entries, {usable_mb} MiB usable, with holes for"
              " the BIOS area, ACPI and devices. This information only exists because the "
              "machine just started.",
        "fr": "La carte mémoire ({query}) : {entries} entrées, {usable_mb} Mio utilisables, avec "
              "des trous pour la zone BIOS, l'ACPI et les périphériques. Cette information "
              "n'existe que parce que la machine vient de démarrer.",
    },
    "native.bootloader": {
        "en": "The {firmware} firmware loads the bootloader (GRUB) from {where}.",
        "fr": "Le micrologiciel {firmware} charge le chargeur d'amorçage (GRUB) depuis {where}.",
    },
    "native.load_kernel": {
        "en": "GRUB reads grub.cfg and loads the kernel at {kernel_at} and the initrd "
              "({initrd_bytes} bytes) high in low memory at {initrd_at}: one contiguous "
              "physical range each.",
        "fr": "GRUB lit grub.cfg et charge le noyau en {kernel_at} et l'initrd ({initrd_bytes} "
              "octets) en haut de la mémoire basse en {initrd_at} : une plage physique contiguë "
              "chacun.",
    },
    "native.boot_params": {
        "en": "GRUB fills boot_params (the `zero page`): the {entries} e820 entries, the command "
              "line “{cmdline}”, the initrd's place; then it jumps to the kernel.",
        "fr": "GRUB remplit boot_params (la `zero page`) : les {entries} entrées e820, la ligne"
              " de commande « {cmdline} », l'emplacement de l'initrd ; puis il saute dans le "
              "noyau.",
    },
    "native.decompress": {
        "en": "The kernel decompresses itself to {at} and switches to its early identity-mapped "
              "page tables.",
        "fr": "Le noyau se décompresse en {at} et passe sur ses premières tables des pages en "
              "projection identité.",
    },
    "native.memblock": {
        "en": "setup_arch reads the {entries} e820 entries from boot_params into memblock: "
              "{usable_mb} MiB of physical memory, contiguous apart from the firmware's holes.",
        "fr": "setup_arch lit les {entries} entrées e820 de boot_params dans memblock : "
              "{usable_mb} Mio de mémoire physique, contiguë à part les trous du micrologiciel.",
    },
    "native.paging": {
        "en": "The kernel maps all {usable_mb} MiB in its direct map, writing its page tables "
              "itself (no hypervisor checks them) and loading CR3 directly.",
        "fr": "Le noyau projette les {usable_mb} Mio dans sa projection directe, en écrivant "
              "lui-même ses tables des pages (aucun hyperviseur ne les vérifie) et en chargeant "
              "CR3 directement.",
    },
    "native.start_kernel": {
        "en": "start_kernel: memory allocator, interrupts (lidt, a privileged instruction that "
              "simply runs), scheduler, timers; {cpus} CPU(s) brought up.",
        "fr": "start_kernel : allocateur mémoire, interruptions (lidt, une instruction privilégiée "
              "qui s'exécute simplement), ordonnanceur, temporisateurs ; {cpus} processeur(s) "
              "démarré(s).",
    },
    "native.drivers": {
        "en": "The drivers find the {devices} devices the firmware enumerated; the root file "
              "system {root} is mounted.",
        "fr": "Les pilotes trouvent les {devices} périphériques énumérés par le micrologiciel ; "
              "le système de fichiers racine {root} est monté.",
    },
    "native.init": {
        "en": "The kernel runs /sbin/init: systemd becomes process 1.",
        "fr": "Le noyau lance /sbin/init : systemd devient le processus 1.",
    },
    "native.running": {
        "en": "systemd reaches `multi-user.target`: the traditional machine is up.",
        "fr": "systemd atteint `multi-user.target` : la machine traditionnelle est démarrée.",
    },
    "native.load_xen": {
        "en": "GRUB loads xen.gz (multiboot2) with two modules: dom0's kernel {kernel} and initrd"
              " {initrd}, {pages} frames from machine frame {module_mfn} (initrd at {initrd_mfn}).",
        "fr": "GRUB charge xen.gz (multiboot2) avec deux modules : le noyau de dom0 {kernel} et "
              "l'initrd {initrd}, {pages} cadres à partir du cadre machine {module_mfn} (initrd "
              "en {initrd_mfn}).",
    },
    "native.multiboot": {
        "en": "GRUB hands Xen the multiboot information: the {entries}-entry memory map, the "
              "modules and Xen's command line “{cmdline}”.",
        "fr": "GRUB passe à Xen les informations multiboot : la carte mémoire de {entries} "
              "entrées, les modules et la ligne de commande de Xen « {cmdline} ».",
    },
    "native.xen_start": {
        "en": "__start_xen: Xen turns the e820 map ({usable_mb} MiB usable) into its heap, builds "
              "the M2P table and starts its scheduler on {cpus} CPU(s).",
        "fr": "__start_xen : Xen fait de la carte e820 ({usable_mb} Mio utilisables) son tas, "
              "construit la table M2P et lance son ordonnanceur sur {cpus} processeur(s).",
    },
    "native.xen_dom0": {
        "en": "Xen now builds dom0 ({memory_mb} MiB) itself, from the modules GRUB loaded.",
        "fr": "Xen construit maintenant lui-même dom0 ({memory_mb} Mio), à partir des modules "
              "chargés par GRUB.",
    },
    "native.power_off": {
        "en": "Power off: the memory map, the devices found and boot_params are gone; the next "
              "power on finds them again.",
        "fr": "Mise hors tension : la carte mémoire, les périphériques trouvés et boot_params "
              "disparaissent ; la prochaine mise sous tension les retrouvera.",
    },
}
