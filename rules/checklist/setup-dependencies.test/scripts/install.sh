apt-get install -y libpq5  # lambdafit-expect(install-script)
