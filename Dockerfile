# Production image: gunicorn behind a proxy that terminates TLS; static files by whitenoise.
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/vendor_static.sh scripts/
RUN mkdir static && scripts/vendor_static.sh

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 10001 budget
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .
COPY . .
COPY --from=assets /src/static/vendor static/vendor
# collectstatic needs a key to import settings; the real one comes at run time.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput -v0 \
 && mkdir -p /app/var && chown -R budget /app/var
USER budget
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=4)" || exit 1
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn budget_portal.wsgi --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
