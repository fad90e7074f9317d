# syntax=docker/dockerfile:1

# Build: Native AOT publish of the tool for linux-x64.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
WORKDIR /src
# global.json is left out on purpose: it pins this repository's SDK feature band, which the image may not carry.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# Warnings are gated in CI; a newer analyzer in the image must not break users' workflow runs.
RUN dotnet publish src/AmbassadorCanary/AmbassadorCanary.csproj \
      --configuration Release --runtime linux-x64 --output /app \
      -p:TreatWarningsAsErrors=false -p:DebugType=none

# Run: no shell, no package manager; the binary is PID 1 and receives SIGINT/SIGTERM directly.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
COPY --from=build /app/ambassador-canary /usr/local/bin/ambassador-canary
# GitHub runs docker actions with the workspace owned by root and requires root in the container.
USER root
ENTRYPOINT ["/usr/local/bin/ambassador-canary"]
