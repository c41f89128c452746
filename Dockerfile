# Production image: gunicorn behind a proxy that terminates TLS; static files by whitenoise.
# One image for both processes: web (the default command) and the worker
# (`python manage.py run_worker`); see compose.yaml and README, "Drift".
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error
COPY scripts/vendor_static.sh scripts/
RUN mkdir static && scripts/vendor_static.sh

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 10001 budget
WORKDIR /app
# Exactly the pinned, hashed versions (scripts/lock-deps), with the optional backends (S3
# storage, Redis cache): the environment picks, not the build. The code runs from /app.
COPY deploy/requirements.lock ./
RUN pip install --upgrade pip && pip install --require-hashes --no-deps -r requirements.lock \
 && rm requirements.lock
COPY . .
COPY --from=assets /src/static/vendor static/vendor
# Static files are collected into the image and served by whitenoise. collectstatic needs a
# key and an address to import the settings; the real ones come at run time.
RUN SECRET_KEY=build-only SITE_URL=https://build.invalid python manage.py collectstatic --noinput -v0 \
 && mkdir -p /app/var/media \
 && chown -R budget /app/var
# Uploads and PDFs: mount a volume here, or use STORAGE_BACKEND=s3.
ENV MEDIA_ROOT=/app/var/media
USER budget
EXPOSE 8000
# Asks gunicorn on PORT (deploy/gunicorn.conf.py); 503 (no worker heartbeat) counts as unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % (os.environ.get('PORT') or 8000), timeout=4)"]
# Migrates (and creates the cache table) before the command runs.
ENTRYPOINT ["/app/scripts/docker-entrypoint"]
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "budget_portal.wsgi"]
