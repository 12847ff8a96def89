"""Publishing the built site to the portal's web server, safely and reversibly.

`quangba publish DEST` copies site/ into a new release folder DEST/releases/<UTC time>-<git hash>,
verifies the copy against a SHA-256 manifest, then makes DEST/current point at it with one atomic
rename. The web server (deploy/nginx.conf) serves DEST/current. Old releases stay for rollback.

    DEST/
      current -> releases/20260122T103015Z-647c6e2     the live release (a symbolic link)
      releases/20260122T103015Z-647c6e2/               one complete site, plus:
        .quangba/manifest.sha256                       every file's SHA-256 (sha256sum -c format)
        .quangba/release.json                          when, from which commit, how many files
        .quangba/csp-hashes.txt                        hashes of the inline scripts and styles (for the CSP)
      nginx/csp-hashes.conf                            the CSP hashes of every kept release (nginx include)
      .publish.lock                                    held while a publish or rollback runs
"""
