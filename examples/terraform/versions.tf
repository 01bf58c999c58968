terraform {
  required_version = ">= 1.4" # terraform_data

  required_providers {
    kubernetes = {
      source = "hashicorp/kubernetes"
      # 2.25 or later: kubernetes_manifest reads the object again once its wait is over, so the
      # outputs see the export's final status.
      version = "~> 2.25"
    }
  }
}

provider "kubernetes" {
  config_path    = var.kubeconfig_path
  config_context = var.kubeconfig_context
}
