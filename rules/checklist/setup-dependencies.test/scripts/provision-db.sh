sh ./provision.sh  # lambdafit-expect(install-script)
