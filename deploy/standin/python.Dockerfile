# STAND-IN for python:3.11-slim-bookworm (Docker Hub unreachable here); see docs/docker-check.md.
# Debian bookworm's python3.11, turned into a venv at /usr/local so that, as in the official
# image, `python` and `pip` are /usr/local/bin/python and /usr/local/bin/pip, and `pip install`
# puts packages and console scripts under /usr/local without PEP 668's EXTERNALLY-MANAGED
# refusal. The official image compiles CPython 3.11.x itself; this one is Debian's 3.11.2.
FROM budgetportal-standin/debian:bookworm
LABEL org.budgetportal.standin="deploy/standin: not the official image"
RUN apt-get update \
 && apt-get install -y --no-install-recommends netbase tzdata python3.11 python3.11-venv \
 && rm -rf /var/lib/apt/lists/* \
 && python3.11 -m venv /usr/local \
 && /usr/local/bin/python -c "import ssl, sqlite3, sys; print(sys.version)"
ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
CMD ["python3"]
