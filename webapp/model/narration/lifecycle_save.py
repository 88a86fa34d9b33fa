"""Narration of ``xl save`` and ``xl restore``: xl's header, libxl's stream, libxc's records
written before and after the suspend, and a restore that populates memory page by page."""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    "save.header": {
        "en": "`xl save` opens {file} and writes xl's own header and {domain}'s configuration.",
        "fr": "`xl save` ouvre {file} et écrit l'en-tête propre à xl et la configuration de "
              "{domain}.",
    },
    "save.libxl_header": {
        "en": "libxl's stream follows: its header (“LibxlFmt”, version 2), then a LIBXC_CONTEXT "
              "record that hands the stream to libxc (xc_domain_save).",
        "fr": "Le flux de libxl suit : son en-tête (« LibxlFmt », version 2), puis un "
              "enregistrement LIBXC_CONTEXT qui passe le flux à libxc (xc_domain_save).",
    },
    "save.stream_headers": {
        "en": "libxc writes its stream's beginning while {domain} still runs: image header "
              "(XENF, v3), domain header (x86 PV), X86_PV_INFO, the CPU policy records "
              "(X86_CPUID_POLICY, X86_MSR_POLICY), STATIC_DATA_END and X86_PV_P2M_FRAMES. Only "
              "now does it ask for the suspend (send_domain_memory_nonlive → suspend_domain).",
        "fr": "libxc écrit le début de son flux pendant que {domain} s'exécute encore : en-tête "
              "d'image (XENF, v3), en-tête de domaine (x86 PV), X86_PV_INFO, les "
              "enregistrements de politique CPU (X86_CPUID_POLICY, X86_MSR_POLICY), "
              "STATIC_DATA_END et X86_PV_P2M_FRAMES. C'est seulement maintenant qu'il demande la "
              "suspension (send_domain_memory_nonlive → suspend_domain).",
    },
    "save.page_data": {
        "en": "PAGE_DATA: {pages} pages written ({written}/{total}); page-table pages are "
              "normalised (each machine frame replaced by its pseudo-physical frame).",
        "fr": "PAGE_DATA : {pages} pages écrites ({written}/{total}) ; les pages de tables des "
              "pages sont normalisées (chaque cadre machine remplacé par son cadre "
              "pseudo-physique).",
    },
    "save.complete": {
        "en": "libxc writes the TSC, shared_info and vCPU records, then its END; libxl closes "
              "its own stream with END: {file} holds all {pages} pages of {domain}. Now xl "
              "destroys the domain.",
        "fr": "libxc écrit les enregistrements TSC, shared_info et vCPU, puis son END ; libxl "
              "termine son propre flux par END : {file} contient les {pages} pages de "
              "{domain}. xl détruit maintenant le domaine.",
    },
    "restore.read": {
        "en": "`xl restore {file}` reads xl's header and the saved configuration of {domain}, "
              "then libxl's header: it will build a new domain from the stream.",
        "fr": "`xl restore {file}` lit l'en-tête de xl et la configuration sauvegardée de "
              "{domain}, puis l'en-tête de libxl : il construira un nouveau domaine à partir du "
              "flux.",
    },
    "restore.stream_headers": {
        "en": "LIBXC_CONTEXT: libxc reads its image header, domain header, X86_PV_INFO, CPU "
              "policy, STATIC_DATA_END and X86_PV_P2M_FRAMES. {domain} has no memory yet: "
              "libxc will populate each page when its data arrives.",
        "fr": "LIBXC_CONTEXT : libxc lit son en-tête d'image, l'en-tête de domaine, "
              "X86_PV_INFO, la politique CPU, STATIC_DATA_END et X86_PV_P2M_FRAMES. {domain} n'a "
              "encore aucune mémoire : libxc peuplera chaque page à l'arrivée de ses données.",
    },
    "restore.page_data": {
        "en": "PAGE_DATA: {pages} pages arrive for {domain}; populate_pfns allocates their "
              "frames now (XENMEM_populate_physmap, 4 KiB each: {runs} machine run(s) so far) "
              "and writes them ({written}/{total}); page tables are localised (pseudo-physical "
              "→ new machine frames).",
        "fr": "PAGE_DATA : {pages} pages arrivent pour {domain} ; populate_pfns alloue leurs "
              "cadres maintenant (XENMEM_populate_physmap, 4 Kio chacun : {runs} plage(s) "
              "contiguë(s) machine jusqu'ici) et les écrit ({written}/{total}) ; les tables des "
              "pages sont localisées (pseudo-physique → nouveaux cadres machine).",
    },
    "restore.resumed": {
        "en": "vCPU and shared_info restored. In {domain} (domain {domid}), "
              "SCHEDOP_shutdown(suspend) returns 0: the guest knows it resumes in a new domain.",
        "fr": "vCPU et shared_info restaurés. Dans {domain} (domaine {domid}), "
              "SCHEDOP_shutdown(suspend) renvoie 0 : l'invité sait qu'il reprend dans un nouveau "
              "domaine.",
    },
}
