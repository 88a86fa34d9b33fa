"""Narration of the emulated IDE disk on the HVM guest (glossary.md; code names
untranslated)."""

from __future__ import annotations

EMU: dict[str, dict[str, str]] = {
    "emu.submitted": {
        "en": "The HVM guest's block layer asks its IDE driver (ata_piix) for {count} read(s): "
              "{rids}. No PV driver here: the disk is an emulated controller.",
        "fr": "La couche bloc de l'invité HVM demande {count} lecture(s) à son pilote IDE "
              "(ata_piix) : {rids}. Pas de pilote PV ici : le disque est un contrôleur émulé.",
    },
    "emu.started": {
        "en": "ata_piix starts {rid} at sector {sector}: {accesses} register accesses to program "
              "a READ DMA.",
        "fr": "ata_piix démarre {rid} au secteur {sector} : {accesses} accès aux registres pour "
              "programmer un READ DMA.",
    },
    "emu.vm_exit_out": {
        "en": "The guest executes `{instruction}` (`{register}` ← {value}): I/O ports are "
              "intercepted, so the CPU leaves the guest — VM exit, reason {exit_reason} "
              "(IO_INSTRUCTION).",
        "fr": "L'invité exécute `{instruction}` (`{register}` ← {value}) : les ports d'E/S sont "
              "interceptés, le processeur quitte l'invité — sortie de VM, raison {exit_reason} "
              "(IO_INSTRUCTION).",
    },
    "emu.vm_exit_in": {
        "en": "The guest executes `{instruction}` to read `{register}`: I/O ports are intercepted, "
              "so the CPU leaves the guest — VM exit, reason {exit_reason} (IO_INSTRUCTION).",
        "fr": "L'invité exécute `{instruction}` pour lire `{register}` : les ports d'E/S sont "
              "interceptés, le processeur quitte l'invité — sortie de VM, raison {exit_reason} "
              "(IO_INSTRUCTION).",
    },
    "emu.ioreq_sent": {
        "en": "Xen has no emulator for port {port}: it fills the ioreq (IOREQ_TYPE_PIO, "
              "{size} byte(s), STATE_IOREQ_READY) and notifies QEMU's event channel (dom0 port "
              "{evtchn_port}).",
        "fr": "Xen n'a pas d'émulateur pour le port {port} : il remplit l'ioreq "
              "(IOREQ_TYPE_PIO, {size} octet(s), STATE_IOREQ_READY) et notifie le canal "
              "d'événements de QEMU (port {evtchn_port} de dom0).",
    },
    "emu.qemu_took": {
        "en": "dom0's vCPU is scheduled and its upcall wakes QEMU (a process): it takes the ioreq "
              "for {port} (STATE_IOREQ_INPROCESS).",
        "fr": "Le vCPU de dom0 est ordonnancé et sa remontée réveille QEMU (un processus) : il "
              "prend l'ioreq pour {port} (STATE_IOREQ_INPROCESS).",
    },
    "emu.emulated_out": {
        "en": "QEMU emulates the write: the IDE model's `{register}` register = {result}. It sets "
              "STATE_IORESP_READY and notifies Xen (a hypercall).",
        "fr": "QEMU émule l'écriture : le registre `{register}` du modèle IDE = {result}. Il "
              "positionne STATE_IORESP_READY et notifie Xen (un hyperappel).",
    },
    "emu.emulated_in": {
        "en": "QEMU emulates the read of `{register}`: it returns {result}, sets "
              "STATE_IORESP_READY and notifies Xen (a hypercall).",
        "fr": "QEMU émule la lecture de `{register}` : il renvoie {result}, positionne "
              "STATE_IORESP_READY et notifie Xen (un hyperappel).",
    },
    "emu.resumed": {
        "en": "Xen completes `{instruction}` and re-enters the guest (VM entry); {left} access(es) "
              "left in this phase.",
        "fr": "Xen termine `{instruction}` et rentre dans l'invité (entrée en VM) ; encore "
              "{left} accès dans cette phase.",
    },
    "emu.waits": {
        "en": "The guest's driver now waits for IRQ {irq}.",
        "fr": "Le pilote de l'invité attend maintenant l'IRQ {irq}.",
    },
    "emu.dma_submitted": {
        "en": "The bus master was started: QEMU reads the disk image for {rid} (sector {sector}) "
              "with preadv — a system call into dom0's kernel, served by {disk}.",
        "fr": "Le bus master est démarré : QEMU lit l'image disque pour {rid} (secteur {sector}) "
              "avec preadv — un appel système dans le noyau de dom0, servi par {disk}.",
    },
    "emu.dma_done": {
        "en": "QEMU's read of sector {sector} completes: it copies the data into the guest's "
              "memory through its map cache and sets the bus master's interrupt bit ({rid}).",
        "fr": "La lecture du secteur {sector} par QEMU se termine : il copie les données dans "
              "la mémoire de l'invité via son cache de projection et positionne le bit "
              "d'interruption du bus master ({rid}).",
    },
    "emu.irq": {
        "en": "QEMU raises IRQ {irq} (XEN_DMOP_set_isa_irq_level, a hypercall); Xen injects it "
              "at the next VM entry and the guest's handler starts: {accesses} more accesses.",
        "fr": "QEMU lève l'IRQ {irq} (XEN_DMOP_set_isa_irq_level, un hyperappel) ; Xen "
              "l'injecte à la prochaine entrée en VM et le gestionnaire de l'invité démarre : "
              "encore {accesses} accès.",
    },
    "emu.completed": {
        "en": "The emulated read {rid} is complete ({left} more waiting).",
        "fr": "La lecture émulée {rid} est terminée ({left} autre(s) en attente).",
    },
}
