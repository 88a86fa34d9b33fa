"""Narration of the ``start_info`` page, filled one field or small group per step (with the
dom0 variants of Xen's own builder).
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    "boot.si_magic": {
        "en": "start_info.magic = “{magic}”, nr_pages = {nr_pages}.",
        "fr": "start_info.magic = « {magic} », nr_pages = {nr_pages}.",
    },
    "boot.si_shared_info": {
        "en": "start_info.shared_info = {shared_info}: the machine address of the shared_info "
              "page (MFN << 12).",
        "fr": "start_info.shared_info = {shared_info} : l'adresse machine de la page "
              "shared_info (MFN << 12).",
    },
    "boot.si_flags": {
        "en": "start_info.flags = {flags} ({flag_names}).",
        "fr": "start_info.flags = {flags} ({flag_names}).",
    },
    "boot.si_store": {
        "en": "start_info.store_mfn = {store_mfn}, store_evtchn = {store_evtchn}: where xenbus "
              "will find xenstore.",
        "fr": "start_info.store_mfn = {store_mfn}, store_evtchn = {store_evtchn} : là où xenbus "
              "trouvera xenstore.",
    },
    "boot.si_store_dom0": {
        "en": "start_info.store_mfn = {store_mfn}, store_evtchn = {store_evtchn}: dom0 has no "
              "xenstore page — it will run xenstored itself.",
        "fr": "start_info.store_mfn = {store_mfn}, store_evtchn = {store_evtchn} : dom0 n'a pas "
              "de page xenstore — il exécutera lui-même xenstored.",
    },
    "boot.si_console": {
        "en": "start_info.console.domU.mfn = {console_domU_mfn}, evtchn = "
              "{console_domU_evtchn}.",
        "fr": "start_info.console.domU.mfn = {console_domU_mfn}, evtchn = "
              "{console_domU_evtchn}.",
    },
    "boot.si_console_dom0": {
        "en": "start_info.console.dom0.info_off = {console_dom0_info_off}, info_size = "
              "{console_dom0_info_size}: the VGA console info follows start_info in its page.",
        "fr": "start_info.console.dom0.info_off = {console_dom0_info_off}, info_size = "
              "{console_dom0_info_size} : les informations de la console VGA suivent start_info "
              "dans sa page.",
    },
    "boot.si_pt_base": {
        "en": "start_info.pt_base = {pt_base} (virtual address of the top-level table), "
              "nr_pt_frames = {nr_pt_frames}.",
        "fr": "start_info.pt_base = {pt_base} (adresse virtuelle de la table de plus haut "
              "niveau (L4)), nr_pt_frames = {nr_pt_frames}.",
    },
    "boot.si_mfn_list": {
        "en": "start_info.mfn_list = {mfn_list}: the virtual address of the P2M list — how the "
              "guest finds the machine frame of each of its pseudo-physical frames.",
        "fr": "start_info.mfn_list = {mfn_list} : l'adresse virtuelle de la liste P2M — c'est "
              "ainsi que l'invité trouve le cadre machine de chacun de ses cadres "
              "pseudo-physiques.",
    },
    "boot.si_module": {
        "en": "start_info.mod_start = {mod_start}, mod_len = {mod_len}: the initrd.",
        "fr": "start_info.mod_start = {mod_start}, mod_len = {mod_len} : l'initrd.",
    },
    "boot.si_module_dom0": {
        "en": "start_info.mod_start = {mod_start}, mod_len = {mod_len}: with SIF_MOD_START_PFN, "
              "mod_start is the PFN where the initrd already lies, and Xen gives its length in "
              "bytes.",
        "fr": "start_info.mod_start = {mod_start}, mod_len = {mod_len} : avec "
              "SIF_MOD_START_PFN, mod_start est le PFN où se trouve déjà l'initrd, et Xen donne "
              "sa longueur en octets.",
    },
    "boot.si_module_pfn": {
        "en": "start_info.mod_start = {mod_start}, mod_len = {mod_len}: SIF_MOD_START_PFN is "
              "set, so mod_start is the initrd's PFN (it is mapped nowhere yet), and libxc gives "
              "its length in whole pages.",
        "fr": "start_info.mod_start = {mod_start}, mod_len = {mod_len} : SIF_MOD_START_PFN est "
              "positionné, mod_start est donc le PFN de l'initrd (qui n'est encore projeté nulle "
              "part), et libxc donne sa longueur en pages entières.",
    },
    "boot.si_mfn_list_p2m": {
        "en": "start_info.mfn_list = {mfn_list}: the P2M list, mapped at p2m_base outside the "
              "region; first_p2m_pfn = {first_p2m_pfn} and nr_p2m_frames = {nr_p2m_frames} name "
              "its frames (the list and the tables that map it).",
        "fr": "start_info.mfn_list = {mfn_list} : la liste P2M, projetée en p2m_base hors de la "
              "région ; first_p2m_pfn = {first_p2m_pfn} et nr_p2m_frames = {nr_p2m_frames} "
              "désignent ses cadres (la liste et les tables qui la projettent).",
    },
    "boot.si_cmd_line": {
        "en": "start_info.cmd_line = “{cmd_line}”. start_info is complete: what firmware and "
              "bootloader tell a native kernel, Xen wrote in one page.",
        "fr": "start_info.cmd_line = « {cmd_line} ». start_info est complet : ce que le "
              "micrologiciel et le chargeur d'amorçage disent à un noyau natif, Xen l'a écrit "
              "dans une page.",
    },
}
