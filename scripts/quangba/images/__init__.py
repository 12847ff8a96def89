"""quangba images: one photo library, ready for the web, leaflets, brochures and panels.

library (photos and sidecars) → source (opening any photo safely) → web (site derivatives) and
print_output (CMYK files per preset, with preflight); jobs and cache make them like a build tool;
site puts them in the built site; contact_sheet shows the library to editors; cli is
`quangba images …`.
"""
